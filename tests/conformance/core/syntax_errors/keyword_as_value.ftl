${as}
