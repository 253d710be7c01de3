${r"C:\path\${name}\n"}
