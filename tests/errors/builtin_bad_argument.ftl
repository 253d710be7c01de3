${input.cohort_name?left_pad("x")}
