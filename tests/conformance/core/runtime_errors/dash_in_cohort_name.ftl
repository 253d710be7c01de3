{"cohort": "${input.cohort-name}"}
