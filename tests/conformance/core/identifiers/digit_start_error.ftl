${1abc}
