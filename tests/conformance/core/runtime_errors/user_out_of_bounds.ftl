${input.users[3].user_id}
