<#setting number_format=',##0.00'>${price} ${-price} ${big}
