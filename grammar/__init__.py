"""The FreeMarker grammar (freemarker.lark), shipped as package data of ``ftl``."""
