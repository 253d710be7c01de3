${-2.5?round} ${(-2.5)?round} ${-1.5?round} ${(-1.5)?round}
