{
  "cohort": "${input.cohort_nme}"
}
