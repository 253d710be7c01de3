{
  "cohort_name": "${input.cohort_name",
  "users": []
}
