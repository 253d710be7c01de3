${"n+1=${n + 1}, price=${price}"}
