<#macro twice><#nested>/<#nested></#macro><@twice>x${n}</@twice>
