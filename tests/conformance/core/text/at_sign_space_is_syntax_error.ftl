a <@ y
