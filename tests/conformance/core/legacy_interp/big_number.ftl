#{big} #{big; m2}
