${input.users[0]}
