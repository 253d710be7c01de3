[${"n[\n] r[\r] t[\t] b[\b] f[\f]"}]
