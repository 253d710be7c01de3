<#setting foo='x'>x
