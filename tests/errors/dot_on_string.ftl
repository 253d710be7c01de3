${input.users[0].user_id.first}
