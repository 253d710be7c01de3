${.version} ${.lang} ${.locale}
