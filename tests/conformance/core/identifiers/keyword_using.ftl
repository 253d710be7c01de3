${using}
