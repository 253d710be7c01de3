{"user_id": "${input.users[0].user-id}"}
