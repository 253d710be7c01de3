<#assign j = "{\"user_id\": \"${input.users[0].user_id}\"}">${j}
