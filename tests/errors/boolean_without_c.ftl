{
  "in_cohort": ${input.in_cohort}
}
