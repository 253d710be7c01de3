${input.cohort_nme}
