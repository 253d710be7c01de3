${s?json_string()}
