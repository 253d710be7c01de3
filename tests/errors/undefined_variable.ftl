{
  "n": ${input.users?size?c},
  "x": ${missing_var}
}
