echo image
