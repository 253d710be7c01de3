{
  "id": "${input.cohort_id?upper}"
}
