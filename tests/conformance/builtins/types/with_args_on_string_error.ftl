${"abc"?with_args([1])}
