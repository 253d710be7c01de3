${seq.x}
