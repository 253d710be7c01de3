${input.users}
