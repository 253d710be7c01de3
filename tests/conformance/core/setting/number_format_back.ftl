<#setting number_format='0.0'>${price} <#setting number_format='number'>${price}
