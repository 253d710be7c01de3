<#setting locale='fr_FR'>${big}
