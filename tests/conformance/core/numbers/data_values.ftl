${n} ${neg} ${pi} ${price} ${tiny} ${half} ${zero}
