"""Views of consulting: the municipalities' side (``public``) and the staff's (``staff``)."""
