${in}
