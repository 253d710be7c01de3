${seq}
