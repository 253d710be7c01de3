<#setting number_format='#'>${pi} ${price} ${half} ${big}
