${(nope!{}).a!'x'}
