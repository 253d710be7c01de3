${"id=${input.users[2].user_id?json_string}"}
