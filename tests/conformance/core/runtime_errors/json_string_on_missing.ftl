${nope?json_string}
