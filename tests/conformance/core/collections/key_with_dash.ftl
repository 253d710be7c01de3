${hd['user-id']} ${hd.plain}
