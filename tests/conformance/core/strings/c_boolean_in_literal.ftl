${"flag=${t?c}"}
