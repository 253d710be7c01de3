{"count": ${input.users.size()}}
