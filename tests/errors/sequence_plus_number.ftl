{"size": ${input.users + 1}}
