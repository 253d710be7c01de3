${seq['a']}
