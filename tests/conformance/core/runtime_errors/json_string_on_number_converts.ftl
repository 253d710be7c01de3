${n?json_string}
