${seq - 1}
