${letters[-1]}
