a
b
   ${input.users[0].user_idd}
