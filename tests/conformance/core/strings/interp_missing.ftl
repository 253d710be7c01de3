${"v=${nope}"}
