<#setting number_format='#,##0.00;(#,##0.00)'>${price} ${-price} ${neg}
