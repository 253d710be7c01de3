${name!'a' + 'b'} ${s!'x' + n}
